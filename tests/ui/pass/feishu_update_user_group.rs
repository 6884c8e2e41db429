use group_api::Endpoint;
use group_api::feishu::{DepartmentIdType, UpdateUserGroupRequest, UserIdType};

fn main() {
    let request = UpdateUserGroupRequest::builder()
        .group_id("g187131")
        .user_id_type(UserIdType::OpenId)
        .department_id_type(DepartmentIdType::OpenDepartmentId)
        .name("外包 IT 用户组")
        .description("IT 外包用户组，需要进行细粒度权限管控")
        .build()
        .unwrap();
    assert_eq!(request.path(), "/open-apis/contact/v3/group/g187131");
}
