fn main() {
    let _ = group_api::dingtalk::UpdateGroupRequest::builder().name("全员群").build();
}
