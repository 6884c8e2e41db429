fn main() {
    let _ = group_api::dingtalk::UpdateGroupRequest::builder().chatid("c").owner_type("emp").build();
}
